// The shell: navigation, theme, shared data loading and the screen for the current route.
import { lazy, Suspense, useEffect } from "react";
import { BarChart3, BookOpen, History, Mic, Settings as Cog, Users } from "lucide-react";
import { useApp, type Route } from "./state";
import { LibraryScreen } from "./screens/Library";
import { CardViewScreen } from "./screens/CardView";
import { CardEditorScreen } from "./screens/CardEditor";
import { PracticeScreen } from "./screens/Practice";
import { ReportScreen } from "./screens/Report";
import { MockScreen } from "./screens/Mock";
import { HistoryScreen } from "./screens/History";
import { SettingsScreen } from "./screens/Settings";
import { OnboardingScreen } from "./screens/Onboarding";
import { Shortcuts } from "./components/practice/Shortcuts";

// The waveform and chart libraries are most of the bundle: loaded when first opened, so the
// library is interactive sooner at start-up.
const ReplayScreen = lazy(() => import("./screens/Replay").then((m) => ({ default: m.ReplayScreen })));
const ProgressScreen = lazy(() =>
  import("./screens/Progress").then((m) => ({ default: m.ProgressScreen })),
);
const CompareScreen = lazy(() => import("./screens/Compare").then((m) => ({ default: m.CompareScreen })));

const NAV: { route: Route["name"]; label: string; icon: typeof Mic; testid: string }[] = [
  { route: "library", label: "Questions", icon: BookOpen, testid: "nav-library" },
  { route: "mock", label: "Mock interview", icon: Users, testid: "nav-mock" },
  { route: "history", label: "History", icon: History, testid: "nav-history" },
  { route: "progress", label: "Progress", icon: BarChart3, testid: "nav-progress" },
  { route: "settings", label: "Settings", icon: Cog, testid: "nav-settings" },
];

/** Which nav entry a route belongs to. */
function section(route: Route): Route["name"] {
  switch (route.name) {
    case "card":
    case "card-edit":
    case "practice":
    case "report":
      return "library";
    case "replay":
    case "compare":
      return "history";
    default:
      return route.name;
  }
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "library":
      return <LibraryScreen />;
    case "card":
      return <CardViewScreen cardId={route.cardId} />;
    case "card-edit":
      return <CardEditorScreen cardId={route.cardId} />;
    case "practice":
      return <PracticeScreen key={route.cardId} cardId={route.cardId} />;
    case "report":
      return <ReportScreen attemptId={route.attemptId} />;
    case "mock":
      return <MockScreen />;
    case "history":
      return <HistoryScreen />;
    case "replay":
      return <ReplayScreen key={route.attemptId} attemptId={route.attemptId} atS={route.at_s} />;
    case "compare":
      return <CompareScreen a={route.a} b={route.b} />;
    case "progress":
      return <ProgressScreen />;
    case "settings":
      return <SettingsScreen />;
    case "onboarding":
      return <OnboardingScreen />;
  }
}

export function App() {
  const { route, navigate, info, settings, loadAll, loadError } = useApp();

  useEffect(() => {
    void loadAll();
  }, [loadAll]);

  // "system" follows the OS through the prefers-color-scheme rules in styles.css.
  useEffect(() => {
    const theme = settings?.theme ?? "system";
    if (theme === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);

  const current = section(route);
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">●</span> Rehearse
        </div>
        <ul>
          {NAV.map(({ route: r, label, icon: Icon, testid }) => (
            <li key={r}>
              <button
                type="button"
                className="nav-item"
                data-testid={testid}
                aria-current={current === r ? "page" : undefined}
                onClick={() => navigate({ name: r } as Route)}
              >
                <Icon size={18} aria-hidden="true" /> {label}
              </button>
            </li>
          ))}
        </ul>
        {info && (
          <div className="sidebar-foot muted" data-testid="app-version">
            v{info.version}
          </div>
        )}
      </nav>
      <main className="content" data-testid="backend-status">
        {loadError ? (
          <div className="panel" role="alert">
            <h1>Rehearse could not start</h1>
            <p className="error">{loadError}</p>
            <button type="button" className="btn" onClick={() => void loadAll()}>
              Try again
            </button>
          </div>
        ) : info ? (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Screen route={route} />
          </Suspense>
        ) : (
          <p className="muted" aria-live="polite">
            Starting…
          </p>
        )}
      </main>
      <Shortcuts />
    </div>
  );
}
