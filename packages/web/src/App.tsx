import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { pagesOfRole } from './areas.tsx';
import { roles } from './auth/roles.ts';
import { AllowedPage, HomeRedirect, RoleArea } from './components/guards.tsx';
import { PageLoading } from './components/status.tsx';
import LoginPage from './pages/LoginPage.tsx';

const PersonRegisterPage = lazy(() => import('./pages/register/PersonRegisterPage.tsx'));
const UnitRegisterPage = lazy(() => import('./pages/register/UnitRegisterPage.tsx'));
const ProviderRegisterPage = lazy(() => import('./pages/register/ProviderRegisterPage.tsx'));
const CalculatorPage = lazy(() => import('./pages/calculator/CalculatorPage.tsx'));
const VerifyPage = lazy(() => import('./pages/verify/VerifyPage.tsx'));

export function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<PersonRegisterPage />} />
        <Route path="/register/unit" element={<UnitRegisterPage />} />
        <Route path="/register/provider" element={<ProviderRegisterPage />} />
        <Route path="/calculator" element={<CalculatorPage />} />
        <Route path="/verify" element={<VerifyPage />} />
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
