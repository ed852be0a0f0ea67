import { test, expect } from 'vitest';
import { chainHash, sha256Hex } from '../src/sim/proxy/sha256';
test('h', () => {
  expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(chainHash('ns1/svc1:p80tcp')).toBe('XPGD46QRK7WJZT7O');
  expect(chainHash('ns1/svc1:p80tcp10.180.0.1:80')).toBe('SXIVWICOYRO3J4NJ');
  expect(chainHash('default/kubernetes:httpstcp')).toBe('NPX46M4PTMTKRN6Y');
  expect(chainHash('kube-system/kube-dns:dnsudp')).toBe('TCOU7JCQXEZGVUNU');
});
