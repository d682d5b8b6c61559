/**
 * Chinese versions of the field messages class-validator and the task-form validation produce (the console shows
 * them next to the field, so the field name is left out). A message without a rule here stays English.
 */
const RULES: Array<[RegExp, (...groups: string[]) => string]> = [
  // class-validator's default messages ("each value in x must …" for `each: true`)
  [/^property \S+ should not exist$/, () => '不允许提交此字段'],
  [/^an unknown value was passed to the validate function$/, () => '提交的内容格式不正确'],
  [/^nested property \S+ must be either object or array$/, () => '必须是对象或列表'],
  [/^(?:each value in )?\S+ must be a string$/, () => '必须是文本'],
  [/^(?:each value in )?\S+ should not be empty$/, () => '不能为空'],
  [/^(?:each value in )?\S+ should not be null or undefined$/, () => '必须填写'],
  [/^(?:each value in )?\S+ must be one of the following values: (.*)$/, (values) => `必须是以下之一：${values}`],
  [/^(?:each value in )?\S+ must be longer than or equal to (\d+) characters?$/, (n) => `至少 ${n} 个字符`],
  [/^(?:each value in )?\S+ must be shorter than or equal to (\d+) characters?$/, (n) => `不能超过 ${n} 个字符`],
  [/^(?:each value in )?\S+ must be an integer number$/, () => '必须是整数'],
  [/^(?:each value in )?\S+ must be a number conforming to the specified constraints$/, () => '必须是数字'],
  [/^(?:each value in )?\S+ must be a positive number$/, () => '必须是正数'],
  [/^(?:each value in )?\S+ must not be less than (-?[\d.]+)$/, (n) => `不能小于 ${n}`],
  [/^(?:each value in )?\S+ must not be greater than (-?[\d.]+)$/, (n) => `不能大于 ${n}`],
  [/^(?:each value in )?\S+ must be a boolean value$/, () => '必须是“是”或“否”'],
  [/^(?:each value in )?\S+ must be a valid ISO 8601 date string$/, () => '必须是有效的日期时间'],
  [/^(?:each value in )?\S+ must be a UUID$/, () => '必须是有效的编号'],
  [/^(?:each value in )?\S+ must be an email$/, () => '必须是有效的电子邮件地址'],
  [/^(?:each value in )?\S+ must match .* regular expression$/, () => '格式不正确'],
  [/^(?:each value in )?\S+ must be a valid enum value$/, () => '不是允许的取值'],
  [/^\S+ must be an array$/, () => '必须是列表'],
  [/^\S+ must be an object$/, () => '必须是对象'],
  [/^\S+ must contain no more than (\d+) elements$/, (n) => `最多 ${n} 项`],
  [/^\S+ must contain at least (\d+) elements$/, (n) => `至少 ${n} 项`],
  // task forms (src/engine/forms/validate-form.ts)
  [/^is not a field of this task's form$/, () => '不是此任务表单的字段'],
  [/^is not asked for here: only when (.*)$/, (condition) => `此任务不填写该项（仅当 ${condition} 时填写）`],
  [/^required$/, () => '必填'],
  [/^must be text$/, () => '必须是文本'],
  [/^must be at least (\d+) characters long$/, (n) => `至少 ${n} 个字符`],
  [/^must be at most (\d+) characters long$/, (n) => `不能超过 ${n} 个字符`],
  [/^must match .*$/, () => '格式不正确'],
  [/^must be a whole number$/, () => '必须是整数'],
  [/^must be at least (-?\d+)$/, (n) => `不能小于 ${n}`],
  [/^must be at most (-?\d+)$/, (n) => `不能大于 ${n}`],
  [/^must be true or false$/, () => '必须是“是”或“否”'],
  [/^must be an ISO-8601 date\b.*$/, () => '必须是有效的日期时间'],
  [/^must be one of (.*)$/, (values) => `必须是以下之一：${values}`],
];

export function fieldMessageInChinese(message: string): string {
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(message);
    if (match) return render(...match.slice(1));
  }
  return message;
}
