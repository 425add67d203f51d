import { useCallback, useEffect } from 'react';
import { useDirection } from '@mantine/core';
import {
  parsePath,
  useLocation,
  useNavigate,
  useNavigationType,
  type DataRouter,
  type Path,
  type To,
} from 'react-router';
import { RTL_LANGUAGES, isLanguage, type Language } from '../../../src/contracts/languages.ts';
import { useSession } from '../lib/api.ts';
import { changeLanguage, currentLanguage, languageWithProfile } from './index.ts';

/** The address parameter that holds the interface language, so that a shared link opens in it. */
export const LANG_PARAM = 'lang';

/** The target with `lang` added, unless it names a language already. */
export function withLanguage<T extends To>(to: T, lang: Language): T | Partial<Path> {
  const path: Partial<Path> = typeof to === 'string' ? parsePath(to) : { ...(to as Partial<Path>) };
  if (new URLSearchParams(path.search ?? '').has(LANG_PARAM)) return to;
  // Appended, not re-encoded: the rest of the query stays exactly as the link wrote it.
  const search = path.search && path.search !== '?' ? `${path.search}&` : '?';
  return { ...path, search: `${search}${LANG_PARAM}=${lang}` };
}

/**
 * Makes every in-app link and navigation carry the current language: the hrefs links render (copied,
 * opened in a new tab) and the navigations of links, `navigate()` and search-parameter changes. Done
 * once on the router rather than in each of the app's many links, which name bare paths such as `/matrix`.
 */
export function keepLanguageInLinks(router: DataRouter) {
  appRouter = router;
  const { navigate, createHref } = router;
  router.navigate = ((to: To | number | null, options?: Parameters<DataRouter['navigate']>[1]) => {
    if (typeof to === 'number') return navigate(to);
    return navigate(to === null ? to : withLanguage(to, currentLanguage()), options);
  }) as DataRouter['navigate'];
  router.createHref = (location) =>
    createHref(location instanceof URL ? location : { ...location, ...withLanguage(location, currentLanguage()) });
}

let appRouter: DataRouter | null = null;

/** Where the browser is now, with `lang` set: built from the address bar, not a render's stale location. */
const hereIn = (lang: Language): Partial<Path> => {
  const search = new URLSearchParams(window.location.search);
  search.set(LANG_PARAM, lang);
  return { pathname: window.location.pathname, search: `?${search.toString()}`, hash: window.location.hash };
};

/** Switches the interface to a language and writes it into the address (replacing the history entry). */
function useSwitchLanguage() {
  const navigate = useNavigate();
  const { state } = useLocation();
  const { setDirection } = useDirection();
  return useCallback(
    async (lang: Language, asked?: 'address' | 'choice') => {
      if (lang !== currentLanguage() || asked) await changeLanguage(lang, asked);
      setDirection(RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr');
      // A navigation under way (a page still loading) is left to land: the address is put right once it has.
      if (appRouter?.state.navigation.state !== 'idle') return;
      if (new URLSearchParams(window.location.search).get(LANG_PARAM) !== lang) {
        await navigate(hereIn(lang), { replace: true, state: state as unknown, preventScrollReset: true });
      }
    },
    [navigate, state, setDirection],
  );
}

/** The language a person chooses (switcher, profile): used now, kept in the address and in this browser. */
export function useChooseLanguage() {
  const switchLanguage = useSwitchLanguage();
  return useCallback((lang: Language) => switchLanguage(lang, 'choice'), [switchLanguage]);
}

/**
 * Keeps the interface language and the address's `lang` in step, for the layout that wraps every page.
 * On arrival and on back and forward, an address that names a language is followed. A navigation made in
 * the app carries the language of the moment it started, so one that names another language, or none, gets
 * the current one written in. Once the signed-in user is known, their profile's language applies unless
 * the address or this browser's choice said otherwise.
 */
export function useLanguageInAddress() {
  const { key, search } = useLocation();
  const navigationType = useNavigationType();
  const switchLanguage = useSwitchLanguage();
  const session = useSession();
  const profile = session.data?.user?.preferredLanguage ?? null;

  // On each navigation, not on a change of language: the switcher changes the language, then the address.
  useEffect(() => {
    const address = new URLSearchParams(search).get(LANG_PARAM);
    if (navigationType === 'POP' && isLanguage(address)) {
      if (address !== currentLanguage()) void switchLanguage(address, 'address');
    } else if (address !== currentLanguage()) void switchLanguage(currentLanguage());
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!profile) return;
    const lang = languageWithProfile(profile);
    if (lang !== currentLanguage()) void switchLanguage(lang);
  }, [profile]); // eslint-disable-line react-hooks/exhaustive-deps
}
