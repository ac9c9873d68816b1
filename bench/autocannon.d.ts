/** The part of autocannon's API the HTTP load test uses (the package ships no types). */
declare module 'autocannon' {
  interface Instance {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  }
  function autocannon(options: Record<string, unknown>, done: (err: Error | null, result: Record<string, unknown>) => void): Instance;
  export default autocannon;
}
