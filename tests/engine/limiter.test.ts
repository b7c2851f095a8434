import { expect, test } from "bun:test";
import { Limiter } from "../../src/engine/limiter.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test("a fixed capacity: at most that many run at once, and waiters are served in the order they came", async () => {
  const limiter = new Limiter(2);
  const order: number[] = [];
  let running = 0;
  let most = 0;
  const gates = Array.from({ length: 5 }, () => Promise.withResolvers<void>());
  const runs = gates.map((gate, i) =>
    limiter.run(async () => {
      order.push(i);
      running++;
      most = Math.max(most, running);
      await gate.promise;
      running--;
    })
  );
  await tick();
  expect(order).toEqual([0, 1]);
  gates[1]!.resolve();
  await tick();
  // A newcomer arriving now queues behind 3 and 4.
  const late = limiter.run(async () => void order.push(9));
  gates[0]!.resolve();
  for (const gate of gates.slice(2)) gate.resolve();
  await Promise.all([...runs, late]);
  expect(order).toEqual([0, 1, 2, 3, 4, 9]);
  expect(most).toBe(2);
});

test("a capacity function is read again at every release: a lowered cap lets no waiter in until the held slots fall below it", async () => {
  let cap = 3;
  const limiter = new Limiter(() => cap);
  for (let i = 0; i < 3; i++) await limiter.acquire();
  let entered = false;
  const waiting = limiter.acquire().then(() => void (entered = true));
  cap = 1;
  limiter.release(); // 2 held, cap 1
  await tick();
  expect(entered).toBe(false);
  limiter.release(); // 1 held
  await tick();
  expect(entered).toBe(false);
  limiter.release(); // 0 held: the waiter takes the one slot
  await waiting;
  expect(entered).toBe(true);
  expect(limiter.capacity).toBe(1);
});

test("a cancelled wait rejects with the signal's reason and gives up its place", async () => {
  const limiter = new Limiter(1);
  await limiter.acquire();
  const stop = new AbortController();
  const cancelled = limiter.acquire(stop.signal);
  let second = false;
  const next = limiter.acquire().then(() => void (second = true));
  stop.abort(new Error("cancelled by SIGINT"));
  await expect(cancelled).rejects.toThrow("cancelled by SIGINT");
  limiter.release();
  await next;
  expect(second).toBe(true);
  await expect(limiter.acquire(AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
});

test("a fixed capacity below 1 or not whole is refused", () => {
  expect(() => new Limiter(0)).toThrow(RangeError);
  expect(() => new Limiter(1.5)).toThrow(RangeError);
});
