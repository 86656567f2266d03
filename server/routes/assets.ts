/** Logo upload: the raw image as the body, told by its content, stored once by its SHA-256. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { ImageReader } from '../image-pool.ts';
import { ImageError, MAX_IMAGE_BYTES, storeImage } from '../images.ts';
import { checkAssetQuota } from '../limits.ts';
import { bearerSecurity, requirePartner } from './auth.ts';
import { accessErrors, errorBody, imageBytes, partnerParams } from './schemas.ts';

export const assetRoutes: FastifyPluginAsyncZod<{ readLimitMs?: number }> = async (app, { readLimitMs }) => {
  // Parsing a large SVG takes a while: in a worker thread, not in front of every landing.
  const images = new ImageReader(readLimitMs);
  app.addHook('onClose', () => images.close());

  // Whatever type the client declares, the bytes decide (readImage); the declared type only selects this parser.
  app.addContentTypeParser(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml', 'image/gif', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES }, (_request, body, done) => done(null, body));

  // The usual slips, said as such: an image sent as JSON (or a JSON type on its bytes), or as a form (curl -F).
  const IMAGE_TYPES = 'image/png, image/jpeg, image/webp, image/svg+xml or application/octet-stream';
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', (_request, _body, done) => done(new ApiError(415, 'unsupported_media_type',
    `Send the image's bytes as the body with Content-Type ${IMAGE_TYPES}, not application/json.`), undefined));
  app.addContentTypeParser('multipart/form-data', (_request, _body, done) => done(new ApiError(415, 'unsupported_media_type',
    'Send the image\'s bytes as the body (curl --data-binary @logo.png -H "Content-Type: image/png"), not a multipart form (curl -F).'), undefined));

  app.post('/v1/partners/:pid/assets', {
    bodyLimit: MAX_IMAGE_BYTES,
    schema: {
      operationId: 'uploadAsset',
      summary: 'Upload a logo (PNG, JPEG, WebP or SVG; at most 512 KB and 4096×4096 px)',
      description: 'The body is the image bytes, not JSON; the bytes decide the type, whatever Content-Type says.',
      security: bearerSecurity,
      consumes: ['image/*', 'application/octet-stream'],
      params: partnerParams,
      body: imageBytes,
      response: {
        201: z.object({ sha256: z.string(), src: z.string(), contentType: z.string(), width: z.number(), height: z.number(), bytes: z.number() }),
        ...accessErrors, 409: errorBody, 413: errorBody, 415: errorBody, 422: errorBody,
      },
    },
    // Before the body is read: another partner's upload, or one sent the wrong way, is refused in that order.
    onRequest: async (request) => {
      requirePartner(request, (request.params as { pid: string }).pid);
    },
  }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) throw new ApiError(415, 'unsupported_media_type', `Send the image's bytes as the body with Content-Type ${IMAGE_TYPES}.`);
    let image;
    try {
      image = await images.read(request.body);
    } catch (error) {
      if (error instanceof ImageError) throw new ApiError(error.code === 'image.too-large' ? 413 : 422, error.code, error.message);
      throw error;
    }
    const [known] = await app.db.query('SELECT 1 FROM assets WHERE sha256 = $1', [image.sha256]);
    if (!known) await checkAssetQuota(app.db, app.limits, request.params.pid, image.bytes.length);
    const src = await storeImage(app.db, image, request.params.pid);
    return reply.code(201).header('Cache-Control', 'no-store').send({
      sha256: image.sha256, src, contentType: image.contentType, width: image.width, height: image.height, bytes: image.bytes.length,
    });
  });
};
