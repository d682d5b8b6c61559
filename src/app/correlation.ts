/** The HTTP edge names each request's id here; audit entries written for the request carry it. */
export { runWithCorrelationId, currentCorrelationId } from '../engine/correlation';
