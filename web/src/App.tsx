// The console shell: sign-in, the navigation the user's role allows, and the
// page for the current path. When a session ends mid-task, a sign-in dialog
// opens over the page, so nothing typed is lost.
import { useEffect, useRef, useState } from "preact/hooks";
import { onSessionExpired } from "./api";
import { SignInForm } from "./components/SignInForm";
import { ActivityPage } from "./pages/ActivityPage";
import { DashboardPage } from "./pages/DashboardPage";
import { DevicesPage } from "./pages/DevicesPage";
import { ClassViewPage } from "./pages/ClassViewPage";
import { InboxPage } from "./pages/InboxPage";
import { AlertsPage } from "./pages/AlertsPage";
import { ClassAlertsPage } from "./pages/ClassAlertsPage";
import { ListsPage } from "./pages/ListsPage";
import { MailPage } from "./pages/MailPage";
import { SelftestPage } from "./pages/SelftestPage";
import { ReportsPage } from "./pages/ReportsPage";
import { PeoplePage } from "./pages/PeoplePage";
import { PolicyPage } from "./pages/PolicyPage";
import { SanctionsPage } from "./pages/SanctionsPage";
import { SettingsPage } from "./pages/SettingsPage";
import { navigate, onLinkClick, usePath } from "./router";
import { can, currentUser, signOut, type User } from "./session";
import type { Permission } from "./types";

interface PageEntry {
  path: string;
  title: string;
  permission: Permission | Permission[];  // any of them
  render: (user: User) => preact.JSX.Element;
}

const kPages: PageEntry[] = [
  { path: "/", title: "Today", permission: "view_dashboard", render: () => <DashboardPage /> },
  { path: "/activity", title: "Activity", permission: "search_activity", render: () => <ActivityPage /> },
  { path: "/inbox", title: "Inbox", permission: "handle_inbox", render: () => <InboxPage /> },
  { path: "/alerts", title: "Alerts", permission: "handle_alerts", render: () => <AlertsPage /> },
  { path: "/class-alerts", title: "Class alerts", permission: "view_class_alerts", render: () => <ClassAlertsPage /> },
  { path: "/devices", title: "Devices", permission: "check_out_devices", render: (u) => <DevicesPage user={u} /> },
  { path: "/classview", title: "Class view", permission: "check_out_devices", render: (u) => <ClassViewPage user={u} /> },
  { path: "/people", title: "People", permission: "manage_people", render: () => <PeoplePage /> },
  { path: "/lists", title: "Lists", permission: "manage_lists", render: () => <ListsPage /> },
  { path: "/sanctions", title: "Sanctions", permission: "apply_sanctions", render: () => <SanctionsPage /> },
  { path: "/policy", title: "Filter policy", permission: "edit_filter_policy", render: () => <PolicyPage /> },
  { path: "/mail", title: "Mail", permission: "view_mail_outbox", render: (u) => <MailPage user={u} /> },
  { path: "/selftest", title: "Self-test", permission: "view_audit_log", render: () => <SelftestPage /> },
  { path: "/reports", title: "Reports", permission: "view_reports", render: () => <ReportsPage /> },
  { path: "/settings", title: "Settings", permission: ["rotate_visitor_password", "manage_settings"],
    render: (u) => <SettingsPage user={u} /> },
];

export function App() {
  const path = usePath();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState("");
  const [expired, setExpired] = useState(false);
  const resume = useRef<(() => void) | null>(null);

  useEffect(() => {
    currentUser().then(setUser, (e) => setError(String(e.message ?? e)));
    onSessionExpired(
      () =>
        new Promise<void>((resolve) => {
          resume.current = resolve;
          setExpired(true);
        }),
    );
  }, []);

  const pages = kPages.filter((p) =>
    (Array.isArray(p.permission) ? p.permission : [p.permission]).some((perm) => can(user ?? null, perm)));
  const page = pages.find((p) => p.path === path);
  useEffect(() => {
    document.title = page ? `${page.title} · esafety` : "esafety console";
  }, [page]);

  if (error) return <main><p class="error" role="alert">The console cannot reach esafety: {error}</p></main>;
  if (user === undefined) return <main><p aria-busy="true">Loading…</p></main>;
  if (user === null) {
    return (
      <main class="narrow">
        <h1>Sign in to esafety</h1>
        <SignInForm onSignedIn={setUser} />
      </main>
    );
  }

  return (
    <>
      <header class="top">
        <a href="/" class="brand" onClick={onLinkClick}>esafety</a>
        <nav aria-label="Console">
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <a href={p.path} onClick={onLinkClick} aria-current={p === page ? "page" : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="who">
          {user.name} ({user.role})
          <button class="link" onClick={async () => { await signOut(); setUser(null); navigate("/"); }}>
            Sign out
          </button>
        </p>
      </header>
      <main>
        {page ? page.render(user) : pages.length > 0 ? (
          <p>
            There is no page here. <a href="/" onClick={onLinkClick}>Go to the start</a>.
          </p>
        ) : (
          <p>Your account has no console pages. Ask the school's IT technician if you need them.</p>
        )}
      </main>
      {expired && (
        <div class="dialog-backdrop">
          <div role="dialog" aria-modal="true" aria-labelledby="expired-title" class="dialog">
            <h2 id="expired-title">Please sign in again</h2>
            <p>Your session ended. Sign in to carry on; what you were doing is kept.</p>
            <SignInForm
              email={user.email}
              onSignedIn={(u) => {
                setUser(u);
                setExpired(false);
                resume.current?.();
              }}
            />
          </div>
        </div>
      )}
    </>
  );
}
