// Placeholder: replaced by the screen's owner.
export function MockScreen() {
  return <section className="screen" aria-label="Mock"><h1>Mock</h1></section>;
}
