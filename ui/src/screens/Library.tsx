// Placeholder: replaced by the screen's owner.
export function LibraryScreen() {
  return <section className="screen" aria-label="Library"><h1>Library</h1></section>;
}
