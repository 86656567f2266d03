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
 * event attributes or anything outside the allow-list.
 */
import { DOMParser, XMLSerializer, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const MAX_ELEMENTS = 20_000;

export class SvgRefused extends Error {}

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
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(text)) throw new SvgRefused('it declares XML entities (a DOCTYPE internal subset)');
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
  let count = 0;
  const check = (node: XmlNode): void => {
    if (node.nodeType !== 1) return;
    const element = node as XmlElement;
    if (++count > MAX_ELEMENTS) throw new SvgRefused(`it has more than ${MAX_ELEMENTS} elements`);
    checkElement(element);
    for (const child of Array.from(element.childNodes)) check(child);
  };
  check(root);
  prune(root);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}` };
}

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

function checkUrls(value: string, where: string): void {
  for (const match of value.matchAll(/url\s*\(\s*(['"]?)([^)]*?)\1\s*\)/gi)) {
    if (!FRAGMENT.test(match[2]!.trim())) throw new SvgRefused(`${where} refers to ${abbreviate(match[0])}; only url(#fragment) is kept`);
  }
  // url( with no closing parenthesis, or one the pattern above could not read.
  const opened = value.match(/url\s*\(/gi)?.length ?? 0;
  const read = [...value.matchAll(/url\s*\(\s*(['"]?)([^)]*?)\1\s*\)/gi)].length;
  if (opened !== read) throw new SvgRefused(`${where} has a url( that cannot be read`);
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
