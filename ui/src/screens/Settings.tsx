// Placeholder: replaced by the screen's owner.
export function SettingsScreen() {
  return <section className="screen" aria-label="Settings"><h1>Settings</h1></section>;
}
