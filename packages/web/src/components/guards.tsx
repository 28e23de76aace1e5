import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/types.ts';
import type { AreaPage } from '../areas.tsx';
import { homePath } from '../auth/roles.ts';
import { useCurrentSession, useSession } from '../auth/session.tsx';
import { AppLayout } from './AppLayout.tsx';
import { ErrorState, PageLoading } from './status.tsx';

/** Renders children once the session is known; shows progress or a retry meanwhile. */
function SessionKnown({ children }: { children: (signedIn: boolean) => ReactNode }) {
  const { state } = useSession();
  if (state.status === 'loading') return <PageLoading tip="正在验证登录状态…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={state.retry} />;
  return <>{children(state.status === 'authenticated')}</>;
}

/**
 * The area of one role: anonymous visitors go to the login page, users of
 * another role to their own home, users who must change their password or
 * enrol a second factor to 账户安全.
 */
export function RoleArea({ role }: { role: Role }) {
  const { state } = useSession();
  const location = useLocation();

  return (
    <SessionKnown>
      {() => {
        if (state.status !== 'authenticated') {
          return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
        }
        const { user, mustChangePassword, mustEnrolTotp } = state.session;
        if (user.role !== role) return <Navigate to={homePath(user.role)} replace />;

        const securityUrl = `${homePath(role)}/security`;
        if ((mustChangePassword || mustEnrolTotp) && location.pathname !== securityUrl) return <Navigate to={securityUrl} replace />;
        return <AppLayout />;
      }}
    </SessionKnown>
  );
}

/** A page some users of the role may not open (e.g. audit for non-provincial bureaus). */
export function AllowedPage({ page }: { page: AreaPage }) {
  const { user } = useCurrentSession();
  if (page.allowed && !page.allowed(user)) return <Navigate to={homePath(user.role)} replace />;
  return <page.Component />;
}

/** "/" and unknown paths: the user's home, or the login page. */
export function HomeRedirect() {
  const { state } = useSession();
  return (
    <SessionKnown>
      {(signedIn) =>
        signedIn && state.status === 'authenticated' ? (
          <Navigate to={homePath(state.session.user.role)} replace />
        ) : (
          <Navigate to="/login" replace />
        )
      }
    </SessionKnown>
  );
}
