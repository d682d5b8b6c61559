import { yuanInWords } from '../../src/app/records/record-text';

describe('amounts in capital numerals (大写金额) on notices and exemption forms', () => {
  it.each([
    [20000, '贰佰元整'],
    [24000, '贰佰肆拾元整'],
    [100000, '壹仟元整'],
    [120050, '壹仟贰佰元伍角'],
    [100001, '壹仟元零壹分'],
    [1000000, '壹万元整'],
    [1002000, '壹万零贰拾元整'],
    [10010000, '壹拾万零壹佰元整'],
    [0, '零元整'],
    [5, '伍分'],
  ])('%d fen → %s', (fen, words) => {
    expect(yuanInWords(fen)).toBe(words);
  });
});
