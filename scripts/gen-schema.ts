// Writes schemas/xxgkrc.schema.json from the rule registry, so the schema lists every code and alias.
// Run: node --import tsx scripts/gen-schema.ts (a test checks the file is current).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/core';
import { ruleDescription } from '../server/src/core/rules/descriptions';

export function configSchema(): object {
  const setting = { enum: ['off', 'error', 'warning', 'information', 'hint'] };
  const ruleProps: Record<string, object> = {};
  for (const r of RULES) {
    ruleProps[r.code] = { ...setting, description: `${ruleDescription(r.code)['zh-cn']} / ${ruleDescription(r.code).en} (default: ${r.severity})` };
    ruleProps[r.alias] = { ...setting, description: `= ${r.code}` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'xxgk-report/xxgkrc',
    title: '.xxgkrc.json — xxgk-report configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      locale: { enum: ['zh-cn', 'en'], description: '消息语言 / message language' },
      rules: { type: 'object', additionalProperties: false, properties: ruleProps, description: '按规则代码或别名设置级别或关闭 / severity or off per rule code or alias' },
      blankAsZero: { type: 'boolean', default: false, description: '空白单元格按 0 计算 / treat blank cells as 0' },
      feeThresholdWanYuan: { type: 'number', minimum: 0, default: 10000, description: 'XR109：本年收费金额超过此值（万元）时提示 / fee threshold in 万元' },
      deadline: { type: 'string', pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', default: '01-31', description: 'XR307：次年报送期限（MM-DD）/ deadline in the following year' },
    },
  };
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'schemas', 'xxgkrc.schema.json'), JSON.stringify(configSchema(), null, 2) + '\n');
}
