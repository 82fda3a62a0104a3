// Placeholder: replaced by the screen's owner.
export function CardViewScreen({ cardId }: { cardId: string }) {
  return <section className="screen" aria-label="Card"><h1>{cardId}</h1></section>;
}
