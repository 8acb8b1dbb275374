// Fixed-width bitsets: the value sets of domains, bools and enums in a box.

const nones = new Map<number, Bits>();

/** An immutable set of small non-negative integers (0 ≤ i < size). */
export class Bits {
  private constructor(readonly size: number, readonly w: Uint32Array) {}

  static empty(size: number): Bits {
    return new Bits(size, new Uint32Array((size + 31) >>> 5));
  }
  /** The empty set of a size, shared: bitsets are immutable, and wide empty results are common. */
  static none(size: number): Bits {
    let b = nones.get(size);
    if (!b) nones.set(size, (b = Bits.empty(size)));
    return b;
  }
  static full(size: number): Bits {
    const b = Bits.empty(size);
    for (let i = 0; i < size; i++) b.w[i >>> 5]! |= 1 << (i & 31);
    return b;
  }
  static of(size: number, items: Iterable<number>): Bits {
    const b = Bits.empty(size);
    for (const i of items) b.w[i >>> 5]! |= 1 << (i & 31);
    return b;
  }
  /** The union of many sets of one size, in one allocation. */
  static union(size: number, sets: Bits[]): Bits {
    const r = Bits.empty(size);
    for (const b of sets) for (let i = 0; i < r.w.length; i++) r.w[i]! |= b.w[i]!;
    return r;
  }
  has(i: number): boolean {
    return (this.w[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
  // Bitsets are immutable, so an operation whose result equals an operand returns that operand:
  // the space algebra calls these millions of times and most calls change nothing.
  and(o: Bits): Bits {
    if (this.subsetOf(o)) return this;
    if (o.subsetOf(this)) return o;
    if (!this.meets(o)) return Bits.none(this.size);
    const r = Bits.empty(this.size);
    for (let i = 0; i < this.w.length; i++) r.w[i] = this.w[i]! & o.w[i]!;
    return r;
  }
  or(o: Bits): Bits {
    if (o.subsetOf(this)) return this;
    if (this.subsetOf(o)) return o;
    const r = Bits.empty(this.size);
    for (let i = 0; i < this.w.length; i++) r.w[i] = this.w[i]! | o.w[i]!;
    return r;
  }
  andNot(o: Bits): Bits {
    if (this === o || this.subsetOf(o)) return Bits.none(this.size);
    let disjoint = true;
    for (let i = 0; i < this.w.length; i++) if ((this.w[i]! & o.w[i]!) !== 0) disjoint = false;
    if (disjoint) return this;
    const r = Bits.empty(this.size);
    for (let i = 0; i < this.w.length; i++) r.w[i] = this.w[i]! & ~o.w[i]!;
    return r;
  }
  /** True when the sets share a member. */
  meets(o: Bits): boolean {
    for (let i = 0; i < this.w.length; i++) if ((this.w[i]! & o.w[i]!) !== 0) return true;
    return false;
  }
  isEmpty(): boolean {
    for (let i = 0; i < this.w.length; i++) if (this.w[i] !== 0) return false;
    return true;
  }
  equals(o: Bits): boolean {
    for (let i = 0; i < this.w.length; i++) if (this.w[i] !== o.w[i]) return false;
    return true;
  }
  /** True when every member of this is in `o`. */
  subsetOf(o: Bits): boolean {
    for (let i = 0; i < this.w.length; i++) if ((this.w[i]! & ~o.w[i]!) !== 0) return false;
    return true;
  }
  count(): number {
    let n = 0;
    for (let i = 0; i < this.w.length; i++) {
      // Population count of a 32-bit word (bits past `size` are never set).
      let x = this.w[i]!;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      n += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
    }
    return n;
  }
  first(): number {
    for (let i = 0; i < this.w.length; i++) if (this.w[i] !== 0) return i * 32 + (31 - Math.clz32(this.w[i]! & -this.w[i]!));
    return -1;
  }
  items(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.w.length; i++) {
      for (let x = this.w[i]!; x !== 0; x &= x - 1) out.push(i * 32 + (31 - Math.clz32(x & -x)));
    }
    return out;
  }
  isFull(): boolean {
    return this.count() === this.size;
  }
}
