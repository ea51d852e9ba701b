import { SpanStatusCode, trace } from '@opentelemetry/api';

/** The tracer of the bot's own spans (the provider src/telemetry/start.ts registers; a no-op one without it). */
const tracer = () => trace.getTracer('csp-partner-bot');

/**
 * Runs what a command or a card action does (`fn`) in a span `use case <name>`, a child of the turn's span, so a
 * trace reads turn → use case → the database statements it sent (telemetry.ts puts each statement on the span
 * active when it runs). Without tracing, or outside a traced turn, it only runs `fn`.
 */
export async function inUseCaseSpan<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!trace.getActiveSpan()?.isRecording()) return fn();
  return tracer().startActiveSpan(`use case ${name.slice(0, 64)}`, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}
