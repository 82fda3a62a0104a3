// Placeholder: replaced by the screen's owner.
export function OnboardingScreen() {
  return <section className="screen" aria-label="Onboarding"><h1>Onboarding</h1></section>;
}
