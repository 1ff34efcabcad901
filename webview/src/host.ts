import { describeRejected, isHostMessage, isWebviewMessage, type HostMessage, type WebviewMessage } from '../../src/protocol/messages';

/**
 * The one place that talks to VS Code: `acquireVsCodeApi()` is called once, behind this interface, so
 * the UI also runs in the tests' stand-in host. Incoming messages are validated; anything malformed is
 * reported back as a `log` message and dropped.
 */
export interface Host {
  post(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function connectHost(): Host {
  const api: VsCodeApi =
    typeof acquireVsCodeApi === 'function'
      ? acquireVsCodeApi()
      : { postMessage: (m) => console.log('[gradlens → host]', m), getState: () => undefined, setState: () => undefined };
  const post = (message: WebviewMessage): void => {
    if (!isWebviewMessage(message)) throw new Error(`internal: refusing to post ${describeRejected(message)}`);
    api.postMessage(message);
  };
  return {
    post,
    getState: () => api.getState(),
    setState: (s) => api.setState(s),
    onMessage(listener) {
      window.addEventListener('message', (event: MessageEvent) => {
        const data: unknown = event.data;
        if (isHostMessage(data)) listener(data);
        else post({ type: 'log', level: 'warning', message: `webview dropped ${describeRejected(data)}` });
      });
    },
  };
}
