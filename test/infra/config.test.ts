import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../../infra/config.js';
import { ConfigError } from '../../lambdas/core/errors.js';

const from = (values: Record<string, unknown>) => parseConfig((key) => values[key]);

describe('parseConfig', () => {
  it('gives the defaults when nothing is set', () => {
    expect(from({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.noncurrentVersionDays).toBe(90);
  });

  it('reads `-c key=value` strings and cdk.json numbers and booleans alike', () => {
    const config = from({
      stage: 'dev',
      noncurrentVersionDays: '30',
      logRetentionDays: 14,
      throttleRateLimit: '5',
      throttleBurstLimit: 10,
      threatProtection: 'true',
      mfa: 'REQUIRED',
      logLevel: 'debug',
    });
    expect(config).toMatchObject({
      stage: 'dev',
      noncurrentVersionDays: 30,
      logRetentionDays: 14,
      throttleRateLimit: 5,
      throttleBurstLimit: 10,
      threatProtection: true,
      mfa: 'required',
      logLevel: 'DEBUG',
    });
  });

  it('takes a domain only with its us-east-1 certificate', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    expect(from({ domainName: 'Slides.Example.edu', certificateArn })).toMatchObject({
      domainName: 'slides.example.edu',
      certificateArn,
    });
    expect(() => from({ domainName: 'slides.example.edu' })).toThrow(/certificateArn/);
    expect(() => from({ certificateArn })).toThrow(/domainName/);
    expect(() =>
      from({
        domainName: 'slides.example.edu',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
      }),
    ).toThrow(/us-east-1/);
  });

  it('names the key of a value it cannot use', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ noncurrentVersionDays: '0' }, /noncurrentVersionDays/],
      [{ noncurrentVersionDays: 'ninety' }, /noncurrentVersionDays/],
      [{ logRetentionDays: 10 }, /logRetentionDays.*CloudWatch/],
      [{ throttleRateLimit: '2.5' }, /throttleRateLimit/],
      [{ mfa: 'sometimes' }, /mfa/],
      [{ threatProtection: 'yes' }, /threatProtection/],
      [{ stage: 'has spaces' }, /stage/],
      [{ webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/y' }, /webAclArn/],
    ];
    for (const [values, message] of cases) {
      expect(() => from(values)).toThrow(ConfigError);
      expect(() => from(values)).toThrow(message);
    }
  });
});
