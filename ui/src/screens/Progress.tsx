// Placeholder: replaced by the screen's owner.
export function ProgressScreen() {
  return <section className="screen" aria-label="Progress"><h1>Progress</h1></section>;
}
