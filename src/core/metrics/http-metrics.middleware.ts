import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MetricsService } from './metrics.service';

// Label by route template, never the raw URL, so ids in paths do not explode cardinality.
function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}

export function httpMetricsMiddleware(metrics: MetricsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const stopTimer = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      stopTimer({
        method: req.method,
        route: routeLabel(req),
        status_code: String(res.statusCode),
      });
    });
    next();
  };
}
