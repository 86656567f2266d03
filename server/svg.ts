/**
 * SVG logos, made safe by construction: the upload is parsed as XML (@xmldom/xmldom), and
 * only an allow-list of SVG elements and attributes is kept and written out again. What
 * can run script or reach another host is refused outright with a message saying what
 * was found (so the partner can export a plain SVG); what is merely unknown (editor
 * metadata, comments, processing instructions, unknown attributes) is dropped.
 *
 * Refused: DOCTYPE internal subsets and entities; elements of any namespace other than
 * SVG that can run or embed content (script, handler, listener, foreignObject, iframe,
 * embed, object, any XHTML element); event attributes (`on*`, in any namespace) and XML
 * Events attributes; links (`href` in any namespace) that are not a `#fragment` (or, for
 * `<image>`, a base64 PNG/JPEG/GIF/WebP data URL); `url(...)` that is not a `#fragment`;
 * CSS `@import`, escapes, `expression(`, `-moz-binding`, `behavior`; animation of `href`,
 * event attributes or anything outside the allow-list. Refused as too complex (SvgTooComplex):
 * what would cost too much work here or in the browsers that draw it.
 */
import { DOMParser, XMLSerializer, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const MAX_ELEMENTS = 20_000;
/** Deeper nesting is no logo, and the checks below would run out of stack. */
const MAX_DEPTH = 64;
/**
 * Shapes drawn, each `<use>` counted as what it draws: a few hundred bytes of nested `<use>` draw
 * 10⁸ shapes and hang every browser that shows the logo; an editor's export draws a few hundred.
 */
const MAX_DRAWN = 50_000;

export class SvgRefused extends Error {}
/** Refused for the work it would cost (here, or in every browser that draws it), not for what it could do. */
export class SvgTooComplex extends SvgRefused {}

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'desc', 'title', 'symbol', 'use', 'image', 'switch', 'a', 'view',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight',
  'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
  'animate', 'animateMotion', 'animateTransform', 'mpath', 'set',
]);

/** Present anywhere, in any namespace or case: the upload is refused. */
const ACTIVE_ELEMENTS = new Set(['script', 'handler', 'listener', 'foreignobject', 'iframe', 'frame', 'embed', 'object', 'applet', 'base', 'meta', 'link', 'form', 'portal']);
const FOREIGN_ACTIVE_NS = new Set(['http://www.w3.org/1999/xhtml', 'http://www.w3.org/2001/xml-events', 'http://www.mozilla.org/keymaster/gatekeeper/there.is.only.xul']);

const ATTRIBUTES = new Set([
  'id', 'class', 'style', 'lang', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr',
  'd', 'points', 'pathLength', 'width', 'height', 'viewBox', 'preserveAspectRatio', 'version', 'baseProfile',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit',
  'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'opacity', 'color', 'display', 'visibility', 'overflow',
  'clip-path', 'clip-rule', 'clipPathUnits', 'mask', 'maskUnits', 'maskContentUnits', 'filter', 'filterUnits', 'primitiveUnits',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'stop-color', 'stop-opacity',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'marker-start', 'marker-mid', 'marker-end',
  'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient',
  'font-family', 'font-size', 'font-size-adjust', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'text-anchor',
  'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing', 'word-spacing', 'text-decoration',
  'writing-mode', 'direction', 'unicode-bidi', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'method', 'spacing', 'side',
  'paint-order', 'vector-effect', 'shape-rendering', 'text-rendering', 'image-rendering', 'color-interpolation',
  'color-interpolation-filters', 'color-rendering', 'mix-blend-mode', 'isolation', 'enable-background',
  'flood-color', 'flood-opacity', 'lighting-color', 'in', 'in2', 'result', 'stdDeviation', 'mode', 'type', 'values', 'operator',
  'k1', 'k2', 'k3', 'k4', 'scale', 'xChannelSelector', 'yChannelSelector', 'radius', 'order', 'kernelMatrix', 'divisor', 'bias',
  'targetX', 'targetY', 'edgeMode', 'preserveAlpha', 'surfaceScale', 'diffuseConstant', 'specularConstant', 'specularExponent',
  'kernelUnitLength', 'azimuth', 'elevation', 'pointsAtX', 'pointsAtY', 'pointsAtZ', 'limitingConeAngle', 'z',
  'baseFrequency', 'numOctaves', 'seed', 'stitchTiles', 'tableValues', 'slope', 'intercept', 'amplitude', 'exponent',
  'systemLanguage', 'role', 'aria-label', 'aria-labelledby', 'aria-describedby', 'aria-hidden', 'focusable',
  'attributeName', 'attributeType', 'begin', 'dur', 'end', 'repeatCount', 'repeatDur', 'from', 'to', 'by', 'calcMode',
  'keyTimes', 'keySplines', 'keyPoints', 'additive', 'accumulate', 'restart', 'path', 'min', 'max', 'media', 'href',
]);
/** Attributes an animation may not change, beyond those outside the allow-list. */
const NOT_ANIMATABLE = new Set(['href', 'style', 'id', 'class', 'attributename']);

const FRAGMENT = /^#[^\s"'()<>\\]+$/;
const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

export interface CleanSvg {
  text: string;
}

/** The SVG as kept: re-serialised from the allow-list; throws SvgRefused when it can run script or reach another host. */
export function sanitizeSvg(source: string): CleanSvg {
  const text = source.replace(/^\uFEFF/, '');
  // Entities are how filters get bypassed (and how XML bombs work): no internal subset, no ENTITY.
  // [^<>[]: each DOCTYPE's search stops at the next tag, so the check is one pass however often the word comes.
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^<>[]*\[/i.test(text)) throw new SvgRefused('it declares XML entities (a DOCTYPE internal subset)');
  let document;
  try {
    document = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new SvgRefused(`it is not well-formed XML (${message.split('\n')[0]})`); } })
      .parseFromString(text, 'image/svg+xml');
  } catch (error) {
    if (error instanceof SvgRefused) throw error;
    const cause = (error as { cause?: unknown }).cause;
    throw cause instanceof SvgRefused ? cause : new SvgRefused(`it is not well-formed XML (${String((error as Error).message).split('\n')[0]})`);
  }
  const root = document.documentElement;
  if (!root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS) throw new SvgRefused('its root element is not <svg> in the SVG namespace');
  checkTree(root);
  prune(root);
  checkDrawn(root);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}` };
}

/** Every element, in document order, without recursion: bounded in number and depth. */
function checkTree(root: XmlElement): void {
  let count = 0;
  const stack: Array<[XmlElement, number]> = [[root, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [element, depth] = next;
    if (++count > MAX_ELEMENTS) throw new SvgTooComplex(`it has more than ${MAX_ELEMENTS} elements`);
    if (depth > MAX_DEPTH) throw new SvgTooComplex(`it nests elements more than ${MAX_DEPTH} deep`);
    checkElement(element);
    const children = childElements(element);
    for (let index = children.length - 1; index >= 0; index--) stack.push([children[index]!, depth + 1]);
  }
}

const childElements = (element: XmlElement): XmlElement[] => Array.from(element.childNodes).filter((child): child is XmlElement => child.nodeType === 1);

/** What the kept SVG draws, `<use>` counted as what it refers to: bounded, and never itself. */
function checkDrawn(root: XmlElement): void {
  const byId = new Map<string, XmlElement>();
  let uses = false;
  const stack = [root];
  for (let element = stack.pop(); element; element = stack.pop()) {
    const id = element.getAttribute('id');
    if (id && !byId.has(id)) byId.set(id, element);
    uses ||= element.localName === 'use';
    stack.push(...childElements(element));
  }
  if (!uses) return;
  const drawn = new Map<XmlElement, number>();
  const open = new Set<XmlElement>();
  const count = (element: XmlElement): number => {
    const known = drawn.get(element);
    if (known !== undefined) return known;
    if (open.has(element)) throw new SvgTooComplex('it has a <use> that refers to itself (or to what contains it)');
    // Each level of <use> adds at most MAX_DEPTH frames; a chain of them longer than this is no logo either.
    if (open.size > 4 * MAX_DEPTH) throw new SvgTooComplex(`it chains <use> elements more than ${4 * MAX_DEPTH} deep`);
    open.add(element);
    let total = 1;
    for (const child of childElements(element)) total += count(child);
    const target = element.localName === 'use' ? byId.get(useTarget(element)) : undefined;
    if (target) total += count(target);
    if (total > MAX_DRAWN) throw new SvgTooComplex(`it draws more than ${MAX_DRAWN} shapes through <use> (a logo draws a few hundred)`);
    open.delete(element);
    drawn.set(element, total);
    return total;
  };
  count(root);
}

/** The id a `<use>` draws: its `href` or `xlink:href`, a #fragment (the checks above refuse any other). */
const useTarget = (use: XmlElement): string => (use.getAttribute('href') || use.getAttributeNS(XLINK_NS, 'href') || '').trim().slice(1);

function checkElement(element: XmlElement): void {
  const name = element.localName ?? '';
  const ns = element.namespaceURI ?? '';
  if (ACTIVE_ELEMENTS.has(name.toLowerCase())) throw new SvgRefused(`it has a <${element.tagName}> element`);
  if (FOREIGN_ACTIVE_NS.has(ns)) throw new SvgRefused(`it has an element of the ${ns} namespace (<${element.tagName}>)`);
  if (name === 'style' && ns === SVG_NS) checkCss(element.textContent ?? '', '<style>');
  const animates = ns === SVG_NS && (name === 'set' || name.startsWith('animate'));
  for (const attribute of Array.from(element.attributes)) {
    const local = (attribute.localName ?? attribute.name).toLowerCase();
    const attrNs = attribute.namespaceURI ?? '';
    const value = attribute.value;
    if (attrNs === XMLNS_NS) continue;
    if (local.startsWith('on')) throw new SvgRefused(`it has an event handler attribute (${attribute.name})`);
    if (FOREIGN_ACTIVE_NS.has(attrNs)) throw new SvgRefused(`it has an attribute of the ${attrNs} namespace (${attribute.name})`);
    if (local === 'href' || local === 'src' || local === 'action' || local === 'formaction') {
      const link = value.trim();
      if (!FRAGMENT.test(link) && !(name === 'image' && local === 'href' && RASTER_DATA_URL.test(link))) {
        throw new SvgRefused(`it links outside the image (${attribute.name}="${abbreviate(link)}" on <${element.tagName}>); only #fragment links are kept`);
      }
    }
    if (local === 'style') checkCss(value, `the style attribute of <${element.tagName}>`);
    else if (/url\s*\(/i.test(value)) checkUrls(value, `${attribute.name} on <${element.tagName}>`);
    if (/^\s*(?:javascript|vbscript|data)\s*:/i.test(value.replace(/[\u0000-\u0020]/g, '')) && !(local === 'href' && name === 'image')) {
      throw new SvgRefused(`it has a script or data URL in ${attribute.name} on <${element.tagName}>`);
    }
    if (animates && local === 'attributename') {
      const target = value.trim().replace(/^[^:]*:/, '');
      if (target.toLowerCase().startsWith('on') || NOT_ANIMATABLE.has(target.toLowerCase()) || !ATTRIBUTES.has(target)) {
        throw new SvgRefused(`it animates ${value.trim()} (<${element.tagName} attributeName>); only presentation attributes may be animated`);
      }
    }
  }
}

function checkCss(css: string, where: string): void {
  if (css.includes('\\')) throw new SvgRefused(`${where} uses CSS escapes`);
  if (/@import/i.test(css)) throw new SvgRefused(`${where} has an @import`);
  if (/expression\s*\(|-moz-binding|behavior\s*:|javascript:/i.test(css)) throw new SvgRefused(`${where} has script in CSS`);
  // Functions that fetch without url(): image-set("…"), src("…"), -webkit-image-set.
  if (/image-set\s*\(|(?:^|[^\w-])src\s*\(/i.test(css)) throw new SvgRefused(`${where} loads an image by image-set() or src(); only url(#fragment) is kept`);
  checkUrls(css, where);
}

/**
 * Every url( is a #fragment, read in one pass: each url( up to the next ")" (a fragment has no
 * parenthesis, so a kept one ends before the next url( begins).
 */
function checkUrls(value: string, where: string): void {
  for (const opened of value.matchAll(/url\s*\(/gi)) {
    const start = opened.index + opened[0].length;
    const end = value.indexOf(')', start);
    if (end === -1) throw new SvgRefused(`${where} has a url( that cannot be read`);
    const inside = value.slice(start, end).trim();
    const target = /^(['"])(.*)\1$/s.exec(inside)?.[2] ?? inside;
    if (!FRAGMENT.test(target.trim())) throw new SvgRefused(`${where} refers to ${abbreviate(value.slice(opened.index, end + 1))}; only url(#fragment) is kept`);
  }
}

/** Removes what is not on the allow-list: foreign elements and attributes, comments, processing instructions. */
function prune(element: XmlElement): void {
  for (const attribute of Array.from(element.attributes)) {
    const ns = attribute.namespaceURI ?? '';
    const keep = ns === XMLNS_NS ? attribute.value === SVG_NS || attribute.value === XLINK_NS
      : ns === XLINK_NS ? attribute.localName === 'href'
        : ns === XML_NS ? attribute.localName === 'space' || attribute.localName === 'lang'
          : ns === '' && ATTRIBUTES.has(attribute.localName ?? attribute.name);
    if (!keep) element.removeAttributeNode(attribute);
  }
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === 1) {
      const kid = child as XmlElement;
      if (kid.namespaceURI === SVG_NS && ELEMENTS.has(kid.localName ?? '')) prune(kid);
      else element.removeChild(child);
    } else if (child.nodeType === 4) {
      // CDATA becomes plain (escaped) text: the same characters to an XML reader, no markup to any other.
      element.replaceChild(element.ownerDocument!.createTextNode(child.nodeValue ?? ''), child);
    } else if (child.nodeType !== 3) {
      element.removeChild(child);
    }
  }
}

const abbreviate = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
