import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers for every answer (helmet). The content security policy fits the web console (Vue 3 +
 * Element Plus + bpmn-js, built by vite and served by this process, no CDN) and Swagger UI at /docs:
 * scripts only from this origin; inline styles allowed because Element Plus and bpmn-js set them;
 * images and fonts may be data: (icons, embedded fonts) and images blob: (diagram exports).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrcAttr: ["'none'"],
      },
    },
    // The console loads nothing cross-origin; requiring CORP/COEP of its own assets would only get in the way.
    crossOriginEmbedderPolicy: false,
  });
}
