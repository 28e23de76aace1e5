import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { pagesOfRole } from './areas.tsx';
import { roles } from './auth/roles.ts';
import { AllowedPage, HomeRedirect, RoleArea } from './components/guards.tsx';
import { PageLoading } from './components/status.tsx';
import LoginPage from './pages/LoginPage.tsx';

export function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {roles.map((role) => (
          <Route key={role} path={`/${role}`} element={<RoleArea role={role} />}>
            {pagesOfRole(role).map((page) =>
              page.path === '' ? (
                <Route key="home" index element={<AllowedPage page={page} />} />
              ) : (
                <Route key={page.path} path={page.path} element={<AllowedPage page={page} />} />
              ),
            )}
            {/* A path the role has no page for: back to the role's home. */}
            <Route path="*" element={<HomeRedirect />} />
          </Route>
        ))}
        <Route path="*" element={<HomeRedirect />} />
      </Routes>
    </Suspense>
  );
}
