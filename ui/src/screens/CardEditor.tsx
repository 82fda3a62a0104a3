// Placeholder: replaced by the screen's owner.
export function CardEditorScreen({ cardId }: { cardId: string | null }) {
  return <section className="screen" aria-label="Edit card"><h1>{cardId ?? "New card"}</h1></section>;
}
