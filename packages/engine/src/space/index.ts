export { Bits } from "./bits.js";
export * from "./interval.js";
export * from "./box.js";
export { Space } from "./space.js";
export { witness } from "./witness.js";
export { describeBox, domainPatterns, numberText } from "./describe.js";
export { dayNumber, isoDate } from "./days.js";
