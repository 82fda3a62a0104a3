// Placeholder: replaced by the screen's owner.
export function CompareScreen({ a, b }: { a: number; b: number }) {
  return <section className="screen" aria-label="Compare"><h1>{a} / {b}</h1></section>;
}
