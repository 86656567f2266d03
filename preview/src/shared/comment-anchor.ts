/**
 * Where a reviewer's comment belongs in a document that may have changed since: its pointer
 * follows the menu entries it passes through by their ids (the comment's `anchor`), so a
 * comment on `/promotionMenu/2/href` stays with that entry when the partner moves it to 0.
 */
import type { ReviewComment } from './api.ts';
import { getAt, tokens } from './pointer.ts';

const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** The comment's pointer in `doc` now, or null when its field moved out of reach or was removed. */
export function locateComment(comment: Pick<ReviewComment, 'pointer' | 'anchor'>, doc: unknown): string | null {
  const parts = tokens(comment.pointer);
  const byPosition = new Map(comment.anchor.map(({ at, id }) => [at, id]));
  let node = doc;
  const located: string[] = [];
  for (const [at, token] of parts.entries()) {
    let next = token;
    const id = byPosition.get(at);
    if (id !== undefined) {
      if (!Array.isArray(node)) return null;
      const index = node.findIndex((entry) => (entry as { id?: unknown } | null)?.id === id);
      if (index === -1) return null;
      next = String(index);
    }
    located.push(next);
    node = getAt(node, `/${escape(next)}`);
    if (node === undefined) return null;
  }
  return located.length ? `/${located.map(escape).join('/')}` : '';
}

/** Open comments by where they are in `doc` now, and those whose field is gone. */
export function placeComments(comments: ReviewComment[], doc: unknown): { byPath: Map<string, ReviewComment[]>; lost: ReviewComment[] } {
  const byPath = new Map<string, ReviewComment[]>();
  const lost: ReviewComment[] = [];
  for (const comment of comments) {
    const path = locateComment(comment, doc);
    if (path === null) lost.push(comment);
    else byPath.set(path, [...(byPath.get(path) ?? []), comment]);
  }
  return { byPath, lost };
}
