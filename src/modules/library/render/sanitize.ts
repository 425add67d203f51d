import sanitizeHtml from 'sanitize-html';

/**
 * What a library text may keep of its HTML: structure (headings, paragraphs, lists, tables, quotes,
 * code) and inline emphasis. Everything that runs or loads something is gone: scripts, event handlers,
 * `style` (the CSP would block it anyway, and it could hide or overlay text), frames, objects, forms.
 *
 * Images are dropped, their alternative text kept: an uploaded page's images are either on another
 * host (blocked by the CSP's img-src, and a way to learn who reads the document) or files beside the
 * page that were never uploaded, so they could only show as broken pictures.
 *
 * Authors' `id`, `name` and `class` attributes are dropped too: the page gives headings its own ids,
 * and ids chosen by an uploader could clobber the page's own elements.
 */
const ALIGNMENTS = ['align-start', 'align-center', 'align-end'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'div',
    'span',
    'section',
    'article',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'a',
    'em',
    'strong',
    'b',
    'i',
    'u',
    's',
    'del',
    'ins',
    'sub',
    'sup',
    'small',
    'mark',
    'abbr',
    'cite',
    'q',
    'dfn',
    'kbd',
    'samp',
    'var',
    'time',
    'bdi',
    'bdo',
    'table',
    'caption',
    'colgroup',
    'col',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    abbr: ['title'],
    ol: ['start', 'type', 'reversed'],
    li: ['value'],
    th: ['colspan', 'rowspan', 'scope', 'class'],
    td: ['colspan', 'rowspan', 'class'],
    col: ['span'],
    colgroup: ['span'],
    time: ['datetime'],
    '*': ['lang', 'dir'],
  },
  allowedClasses: { th: ALIGNMENTS, td: ALIGNMENTS },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The text of these is not document text: a page's <title> is already the document's title.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'template',
    'iframe',
    'object',
    'svg',
    'math',
  ],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    img: (_tag, attribs) => ({ tagName: 'span', attribs: {}, text: attribs.alt ?? '' }),
    th: alignment,
    td: alignment,
  },
};

/** Markdown tables align columns with `style="text-align:…"`; the style goes, the alignment stays as a class. */
function alignment(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { style = '', class: _class, ...rest } = attribs;
  const align = /text-align\s*:\s*(left|center|right)/i.exec(style)?.[1]?.toLowerCase();
  // Logical names, so a right-aligned column of figures stays at the end of the line in Arabic too.
  const name = align === 'center' ? 'align-center' : align === 'right' ? 'align-end' : align ? 'align-start' : null;
  return { tagName, attribs: name ? { ...rest, class: name } : rest };
}

/** HTML with only the elements and attributes a document's text needs. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
