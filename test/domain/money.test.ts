import { ValidationError, formatFen, percentOf, yuanToFen } from '../../src/domain';

describe('money in fen', () => {
  it('given the 200 元 fine, when converted, then it is stored as 20000 fen', () => {
    expect(yuanToFen(200)).toBe(20000);
    expect(yuanToFen(12.34)).toBe(1234);
    expect(yuanToFen(0.29)).toBe(29);
  });

  it('given an amount with fractions of a fen, when converted, then it is refused', () => {
    expect(() => yuanToFen(1.005)).toThrow(ValidationError);
    expect(() => yuanToFen(Number.NaN)).toThrow(ValidationError);
  });

  it('given fen, when shown to a user, then it reads as yuan with two decimals and 元', () => {
    expect(formatFen(20000)).toBe('200.00 元');
    expect(formatFen(24000)).toBe('240.00 元');
    expect(formatFen(5)).toBe('0.05 元');
    expect(formatFen(0)).toBe('0.00 元');
    expect(formatFen(-1205)).toBe('-12.05 元');
  });

  it('given a fine of 200 元, when 120 % is returned, then the refund is 240 元', () => {
    expect(percentOf(20000, 120)).toBe(24000);
  });

  it('given a share that ends in half a fen, when computed, then it is rounded half-up (away from zero)', () => {
    expect(percentOf(25, 50)).toBe(13);
    expect(percentOf(-25, 50)).toBe(-13);
    expect(percentOf(12346, 120)).toBe(14815); // 14815.2
    expect(percentOf(1, 120)).toBe(1);
  });

  it('given a non-integer amount of fen or percent, when used, then it is refused', () => {
    expect(() => formatFen(1.5)).toThrow(ValidationError);
    expect(() => percentOf(1.5, 120)).toThrow(ValidationError);
    expect(() => percentOf(20000, 12.5)).toThrow(ValidationError);
    expect(() => percentOf(20000, -1)).toThrow(ValidationError);
  });
});
