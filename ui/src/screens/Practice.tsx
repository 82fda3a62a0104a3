// Placeholder: replaced by the screen's owner.
export function PracticeScreen({ cardId }: { cardId: string }) {
  return <section className="screen" aria-label="Practice"><h1>{cardId}</h1></section>;
}
