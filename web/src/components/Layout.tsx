import { useEffect, useRef } from 'react';
import { Anchor, Box, Burger, Container, Drawer, Group, NativeSelect, Stack, Text, useDirection } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, RTL_LANGUAGES, type Language } from '../../../src/contracts/languages.ts';
import { changeLanguage } from '../i18n/index.ts';

const NAV = [
  { to: '/', key: 'nav.overview', end: true },
  { to: '/instruments', key: 'nav.instruments', end: false },
  { to: '/countries', key: 'nav.countries', end: false },
  { to: '/compare', key: 'nav.compare', end: false },
  { to: '/matrix', key: 'nav.matrix', end: false },
  { to: '/changes', key: 'nav.changes', end: false },
] as const;

/** Each language's name written in that language, as a language switcher shows it. */
const LANGUAGE_NAMES: Record<Language, string> = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {NAV.map((item) => (
        <Anchor key={item.to} component={NavLink} to={item.to} end={item.end} className="nav-link" onClick={onNavigate}>
          {t(item.key)}
        </Anchor>
      ))}
    </>
  );
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const { setDirection } = useDirection();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigation = useNavigation();
  const main = useRef<HTMLDivElement>(null);

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

  const onLanguage = async (lang: Language) => {
    await changeLanguage(lang);
    setDirection(RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr');
  };

  return (
    <>
      <a href="#main" className="skip-link">{t('nav.skip')}</a>
      <Box component="header" className="app-header">
        <Container size="xl">
          <Group justify="space-between" wrap="nowrap" py="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="md" aria-label={t('nav.menu')} color="white" size="sm" />
              <Anchor component={NavLink} to="/" className="brand">{t('app.name')}</Anchor>
              <Text size="sm" c="gray.2" visibleFrom="lg">{t('app.tagline')}</Text>
            </Group>
            <Group gap="md" visibleFrom="md" component="nav" aria-label={t('nav.main')}>
              <Navigation />
            </Group>
            <NativeSelect
              aria-label={t('nav.language')}
              size="xs"
              value={i18n.language}
              onChange={(event) => void onLanguage(event.currentTarget.value as Language)}
              data={LANGUAGES.map((lang) => ({ value: lang, label: LANGUAGE_NAMES[lang] }))}
              className="language-select"
            />
          </Group>
        </Container>
      </Box>
      <Drawer opened={opened} onClose={close} title={t('nav.main')} size="xs" position={i18n.dir() === 'rtl' ? 'right' : 'left'}>
        <Stack component="nav" aria-label={t('nav.main')} gap="sm">
          <Navigation onNavigate={close} />
        </Stack>
      </Drawer>
      <Container size="xl" component="main" id="main" ref={main} tabIndex={-1} py="md" aria-busy={navigation.state === 'loading'} className="app-main">
        <Outlet />
      </Container>
      <Box component="footer" className="app-footer">
        <Container size="xl" py="md">
          <Text size="sm">{t('footer.data')}</Text>
          <Group gap="md" mt={4}>
            <Anchor href="/api/v1/docs" size="sm">{t('footer.api')}</Anchor>
            <Anchor href="/api/v1/status/changes.atom" size="sm">{t('footer.feed')}</Anchor>
          </Group>
        </Container>
      </Box>
    </>
  );
}
