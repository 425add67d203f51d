import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Opens a page in a UI language (as a returning visitor who chose it). */
export async function openIn(page: Page, lang: string, path: string) {
  await page.addInitScript((l) => window.localStorage.setItem('lexpact.lang', l), lang);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** axe-core must find no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    ),
  ).toEqual([]);
}

/**
 * Texts the reader cannot read whole: an element that clips its overflowing text (overflow hidden or an
 * ellipsis, as Mantine's Badge label does), a drop-down or field narrower than the value it shows, and a
 * page wider than the window. Each is described as "<reason>: <text>".
 */
export async function findCutText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const describe = (element: Element, text: string) =>
      `${element.tagName.toLowerCase()}.${[...element.classList].slice(0, 2).join('.')} "${text.trim().slice(0, 60)}"`;
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      cut.push(`page ${root.scrollWidth - root.clientWidth}px wider than the window`);
    const canvas = document.createElement('canvas').getContext('2d')!;
    const textWidth = (element: Element, text: string) => {
      const style = getComputedStyle(element);
      canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return canvas.measureText(text).width;
    };
    const contentWidth = (element: HTMLElement) => {
      const style = getComputedStyle(element);
      return element.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
    };
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      if (!element.checkVisibility() || element.closest('.visually-hidden, .mantine-VisuallyHidden-root, svg'))
        continue;
      if (element instanceof HTMLSelectElement) {
        const text = element.selectedOptions[0]?.textContent ?? '';
        if (textWidth(element, text) > contentWidth(element) + 1) cut.push(`drop-down ${describe(element, text)}`);
        continue;
      }
      if (element instanceof HTMLInputElement) {
        if (element.type !== 'hidden' && element.scrollWidth > element.clientWidth + 1)
          cut.push(`field ${describe(element, element.value)}`);
        continue;
      }
      const style = getComputedStyle(element);
      const clips = style.textOverflow === 'ellipsis' || style.overflowX === 'hidden' || style.overflowX === 'clip';
      const text = element.textContent ?? '';
      if (clips && text.trim() && element.clientWidth > 1 && element.scrollWidth > element.clientWidth + 1)
        cut.push(`clipped ${describe(element, text)}`);
    }
    return cut;
  });
}

/** A code or address as the app writes it inside a sentence: between Unicode isolates, so right-to-left text cannot reorder it. */
export const isolated = (code: string) => `\u2068${code}\u2069`;
