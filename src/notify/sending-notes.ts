/** One delivery's key: the event and the target it goes to (OutboxDelivery's unique pair). */
export interface DeliveryKey {
  readonly eventId: string;
  readonly targetKey: string;
}

/**
 * The "sending" notes of the posts a worker starts (issue 13 item 3): the notes of every post started while no
 * note write is in flight (a dispatch round, or the rounds during the previous write) go in one statement, and only
 * once it has committed does each post go out, so that a post Teams may have got always has its note and a crash's
 * resends are counted. A failed write releases none of its posts: they answer `false` and go again later.
 */
export class SendingNotes {
  private readonly waiting: { key: DeliveryKey; go: (written: boolean) => void }[] = [];
  private busy = false;

  constructor(
    private readonly deps: {
      /** writes the notes in one statement (OutboxStore.noteSending) */
      readonly write: (keys: DeliveryKey[], at: Date) => Promise<void>;
      readonly clock: () => number;
      readonly onError: (err: unknown, count: number) => void;
      /** runs the background write as one of the worker's tracked tasks */
      readonly track: (task: Promise<void>) => void;
    },
  ) {}

  /** Resolves true once this post's note is written, false when its write failed (the post must not go). */
  add(key: DeliveryKey): Promise<boolean> {
    return new Promise<boolean>((go) => this.waiting.push({ key, go }));
  }

  /** Starts writing what was added, unless a write is in flight (its loop takes them next). */
  kick(): void {
    if (this.waiting.length === 0 || this.busy) return;
    this.busy = true;
    this.deps.track(this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0);
        let written = false;
        try {
          await this.deps.write(
            batch.map((n) => n.key),
            new Date(this.deps.clock()),
          );
          written = true;
        } catch (err) {
          this.deps.onError(err, batch.length);
        }
        for (const n of batch) n.go(written);
      }
    } finally {
      this.busy = false;
    }
  }
}
