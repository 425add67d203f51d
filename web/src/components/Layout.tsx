import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Box,
  Burger,
  Button,
  Container,
  Divider,
  Drawer,
  Group,
  NativeSelect,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../src/contracts/languages.ts';
import { useChooseLanguage, useLanguageInAddress } from '../i18n/address.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { sendJson, sessionChanged, useSession } from '../lib/api.ts';

const NAV = [
  { to: '/', key: 'nav.overview', end: true },
  { to: '/instruments', key: 'nav.instruments', end: false },
  { to: '/countries', key: 'nav.countries', end: false },
  { to: '/compare', key: 'nav.compare', end: false },
  { to: '/matrix', key: 'nav.matrix', end: false },
  { to: '/changes', key: 'nav.changes', end: false },
  { to: '/library', key: 'nav.library', end: false },
  { to: '/programme/activities', key: 'nav.programme', end: false },
] as const;

/**
 * Sections only signed-in users can read: their links are not shown to anonymous visitors. Each is
 * marked current on every page of its section (the programme's link on its matrix and calendar too).
 */
const SIGNED_IN_SECTIONS: Readonly<Record<string, string>> = { '/programme/activities': '/programme/' };

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const { pathname } = useLocation();
  const signedIn = Boolean(session.data?.user);
  return (
    <>
      {NAV.filter((item) => signedIn || !SIGNED_IN_SECTIONS[item.to]).map((item) => {
        const section = SIGNED_IN_SECTIONS[item.to];
        if (section) {
          const current = pathname.startsWith(section);
          return (
            <Anchor
              key={item.to}
              component={Link}
              to={item.to}
              className={current ? 'nav-link active' : 'nav-link'}
              aria-current={current ? 'page' : undefined}
              onClick={onNavigate}
            >
              {t(item.key)}
            </Anchor>
          );
        }
        return (
          <Anchor
            key={item.to}
            component={NavLink}
            to={item.to}
            end={item.end}
            className="nav-link"
            onClick={onNavigate}
          >
            {t(item.key)}
          </Anchor>
        );
      })}
    </>
  );
}

/** Sign in, or the signed-in user's account, administration (for administrators) and sign out. */
function AccountNavigation({ onNavigate, inDrawer = false }: { onNavigate?: () => void; inDrawer?: boolean }) {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const queryClient = useQueryClient();
  const [signingOut, setSigningOut] = useState(false);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const user = session.data?.user;
  if (!session.data) return null;
  if (!user) {
    return (
      <Anchor component={NavLink} to="/sign-in" className="nav-link" onClick={onNavigate}>
        {t('nav.signIn')}
      </Anchor>
    );
  }
  const inAdministration = pathname.startsWith('/admin');
  // Signed out in any case: when the session had already ended, the server's refusal changes nothing.
  const signOut = async () => {
    setSigningOut(true);
    await sendJson('POST', '/auth/sign-out').catch(() => undefined);
    await sessionChanged(queryClient);
    setSigningOut(false);
    onNavigate?.();
    await navigate('/sign-in', { state: { signedOut: true } });
  };
  return (
    <>
      <Anchor component={NavLink} to="/account" className="nav-link nav-user" onClick={onNavigate}>
        <VisuallyHidden>{t('nav.accountOf')}</VisuallyHidden>
        {user.displayName}
      </Anchor>
      {user.role === 'administrator' && (
        <Anchor
          component={Link}
          to="/admin/users"
          className={inAdministration ? 'nav-link active' : 'nav-link'}
          aria-current={inAdministration ? 'page' : undefined}
          onClick={onNavigate}
        >
          {t('nav.administration')}
        </Anchor>
      )}
      <Button
        variant={inDrawer ? 'default' : 'outline'}
        color={inDrawer ? undefined : 'white'}
        size="compact-sm"
        loading={signingOut}
        className={inDrawer ? undefined : 'sign-out-button'}
        style={inDrawer ? { alignSelf: 'flex-start' } : undefined}
        onClick={() => void signOut()}
      >
        {t('nav.signOut')}
      </Button>
    </>
  );
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const chooseLanguage = useChooseLanguage();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigation = useNavigation();
  const main = useRef<HTMLDivElement>(null);
  useLanguageInAddress();

  useEffect(() => {
    document.title = `${t('app.name')} · ${t('app.tagline')}`;
  }, [t, i18n.language]);

  // After a client-side navigation, move focus to the new page's content so screen readers announce it.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <Box component="header" className="app-header">
        <Box className="app-topbar" visibleFrom="md">
          <Container size="xl">
            <Group
              component="nav"
              aria-label={t('nav.account', { ns: 'accounts' })}
              justify="flex-end"
              gap="md"
              py={4}
              wrap="wrap"
            >
              <AccountNavigation />
            </Group>
          </Container>
        </Box>
        <Container size="xl">
          <Group justify="space-between" wrap="nowrap" py="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="md"
                aria-label={t('nav.menu')}
                color="white"
                size="sm"
              />
              <Anchor component={NavLink} to="/" className="brand">
                {t('app.name')}
              </Anchor>
              <Text size="sm" c="gray.2" visibleFrom="lg">
                {t('app.tagline')}
              </Text>
            </Group>
            <Group gap="md" visibleFrom="md" component="nav" aria-label={t('nav.main')}>
              <Navigation />
            </Group>
            <NativeSelect
              aria-label={t('nav.language')}
              size="xs"
              value={i18n.language}
              onChange={(event) => void chooseLanguage(event.currentTarget.value as Language)}
              data={LANGUAGES.map((lang) => ({ value: lang, label: LANGUAGE_NAMES[lang] }))}
              className="language-select"
            />
          </Group>
        </Container>
      </Box>
      <Drawer
        opened={opened}
        onClose={close}
        title={t('nav.main')}
        size="xs"
        position={i18n.dir() === 'rtl' ? 'right' : 'left'}
        closeButtonProps={{ 'aria-label': t('nav.closeMenu', { ns: 'accounts' }) }}
      >
        <Stack component="nav" aria-label={t('nav.main')} gap="sm">
          <Navigation onNavigate={close} />
        </Stack>
        <Divider my="md" />
        <Stack component="nav" aria-label={t('nav.account', { ns: 'accounts' })} gap="sm">
          <AccountNavigation onNavigate={close} inDrawer />
        </Stack>
      </Drawer>
      <Container
        size="xl"
        component="main"
        id="main"
        ref={main}
        tabIndex={-1}
        py="md"
        aria-busy={navigation.state === 'loading'}
        className="app-main"
      >
        <Outlet />
      </Container>
      <Box component="footer" className="app-footer">
        <Container size="xl" py="md">
          <Text size="sm">{t('footer.data')}</Text>
          <Group gap="md" mt={4}>
            <Anchor href="/api/v1/docs" size="sm">
              {t('footer.api')}
            </Anchor>
            <Anchor href="/api/v1/status/changes.atom" size="sm">
              {t('footer.feed')}
            </Anchor>
          </Group>
        </Container>
      </Box>
    </>
  );
}
