// Placeholder: replaced by the screen's owner.
export function ReplayScreen({ attemptId }: { attemptId: number }) {
  return <section className="screen" aria-label="Replay"><h1>{attemptId}</h1></section>;
}
