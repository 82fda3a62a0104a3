// Placeholder: replaced by the screen's owner.
export function HistoryScreen() {
  return <section className="screen" aria-label="History"><h1>History</h1></section>;
}
