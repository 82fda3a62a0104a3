// Placeholder: replaced by the screen's owner.
export function ReportScreen({ attemptId }: { attemptId: number }) {
  return <section className="screen" aria-label="Report"><h1>{attemptId}</h1></section>;
}
