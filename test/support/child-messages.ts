import type { ChildProcess } from 'node:child_process';

/** Sends `message` to a forked child and resolves with the `answer` property of the first reply that has one. */
export function askChild<T>(child: ChildProcess, message: string, answer: string): Promise<T> {
  return new Promise<T>((resolve) => {
    const onMessage = (reply: Record<string, T>) => {
      if (!reply?.[answer]) return;
      child.off('message', onMessage);
      resolve(reply[answer]);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}
