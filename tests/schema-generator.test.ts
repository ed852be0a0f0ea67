import { describe, expect, it } from 'vitest';
import { commentTags, enumDescriptionLines, openAPIDescription, structTagGet } from '../scripts/gen-api-schema/doc';
import { commentGroupText, parseGoFile, type GoField } from '../scripts/gen-api-schema/go-parser';

const SRC = `/*
Copyright 2024 Example.
*/

// Package v1 is a test.
package v1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// Widget is a test kind.
//
// It has two paragraphs.
type Widget struct {
	metav1.TypeMeta \`json:",inline"\`
	// Standard object's metadata.
	// +optional
	metav1.ObjectMeta \`json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"\`

	// Ports to expose.
	// +listType=map
	// +listMapKey=port
	// +listMapKey=protocol
	Ports []Port \`json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"port"\`
	Target *intstr.IntOrString \`json:"target,omitempty"\` // trailing comment
	// Ignored has a dash tag.
	Ignored string \`json:"-"\`
	hidden  string
	Data    map[string][]byte \`json:"data,omitempty"\`
	/*
		detached block comment
	*/

	//go:generate something
	// Mode of the widget.
	Mode WidgetMode \`json:"mode"\`
}

// WidgetMode is a mode.
// +enum
type WidgetMode string

const (
	// ModeFast goes fast.
	ModeFast WidgetMode = "Fast"
	// ModeSlow goes
	// slowly.
	ModeSlow WidgetMode = "Slow"
	notTyped          = "x"
)

type (
	// Port is a port.
	Port struct {
		Port int32 \`json:"port"\`
	}
)

func (w *Widget) Name() string { return map[string]string{"a": "}"}["a"] }

var _ = struct{}{}
`;

describe('go-parser', () => {
  const f = parseGoFile('example/v1/types.go', SRC);

  it('reads package, imports, types and consts', () => {
    expect(f.pkgName).toBe('v1');
    expect(f.imports.get('metav1')).toBe('k8s.io/apimachinery/pkg/apis/meta/v1');
    expect(f.imports.get('intstr')).toBe('k8s.io/apimachinery/pkg/util/intstr');
    expect(f.types.map((t) => t.name)).toEqual(['Widget', 'WidgetMode', 'Port']);
    expect(f.consts.map((c) => [c.name, c.type?.name, c.stringValue])).toEqual([
      ['ModeFast', 'WidgetMode', 'Fast'],
      ['ModeSlow', 'WidgetMode', 'Slow'],
      ['notTyped', undefined, 'x'],
    ]);
    expect(f.consts[1].doc).toEqual(['ModeSlow goes', 'slowly.']);
  });

  it('takes the comment group that ends right above a declaration as its doc', () => {
    const w = f.types[0];
    expect(w.doc).toEqual(['Widget is a test kind.', '', 'It has two paragraphs.']);
    expect(f.types[1].doc).toEqual(['WidgetMode is a mode.', '+enum']);
    expect(f.types[2].doc).toEqual(['Port is a port.']);
    if (w.type.k !== 'struct') throw new Error('not a struct');
    const fields = w.type.fields;
    const byName = (n: string): GoField => {
      const x = fields.find((y) => y.names[0] === n);
      if (!x) throw new Error(`no field ${n}`);
      return x;
    };
    expect(fields[0]).toMatchObject({ names: [], tag: 'json:",inline"', doc: [] });
    expect(fields[1]).toMatchObject({ names: [], doc: ["Standard object's metadata.", '+optional'] });
    expect(byName('Ports')).toMatchObject({ doc: ['Ports to expose.', '+listType=map', '+listMapKey=port', '+listMapKey=protocol'] });
    expect(byName('Ports').type).toEqual({ k: 'slice', elem: { k: 'ident', name: 'Port' } });
    expect(byName('Target').type).toEqual({ k: 'ptr', elem: { k: 'ident', pkg: 'intstr', name: 'IntOrString' } });
    // a trailing comment on the previous line does not become the next field's doc… unless it
    // ends on the line right above it, as with gengo: Ignored's doc is its own comment group.
    expect(byName('Ignored')).toMatchObject({ doc: ['Ignored has a dash tag.'] });
    expect(byName('Data').type).toEqual({ k: 'map', key: { k: 'ident', name: 'string' }, elem: { k: 'slice', elem: { k: 'ident', name: 'byte' } } });
    // //go: directives are dropped by CommentGroup.Text()
    expect(byName('Mode')).toMatchObject({ doc: ['Mode of the widget.'] });
  });

  it('implements go/ast CommentGroup.Text()', () => {
    expect(commentGroupText(['//', '// a  ', '//', '//', '//\tb', '//  c', '//'])).toBe('a\n\n\tb\n c\n');
    expect(commentGroupText(['//go:generate x'])).toBe('');
    expect(commentGroupText(['/*\n\tx\n*/'])).toBe('\tx\n');
  });
});

describe('doc helpers', () => {
  it('parses struct tags like reflect.StructTag.Get', () => {
    const tag = 'json:"ports,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"port" protobuf:"bytes,1,rep,name=ports"';
    expect(structTagGet(tag, 'json')).toBe('ports,omitempty');
    expect(structTagGet(tag, 'patchStrategy')).toBe('merge,retainKeys');
    expect(structTagGet(tag, 'patchMergeKey')).toBe('port');
    expect(structTagGet(tag, 'yaml')).toBeUndefined();
  });

  it('extracts +markers like gengo', () => {
    const t = commentTags(['Doc.', ' +listType=map', '+listMapKey=a', '+listMapKey=b', '+optional', '+k8s:openapi-gen=false']);
    expect(t.get('listType')).toEqual(['map']);
    expect(t.get('listMapKey')).toEqual(['a', 'b']);
    expect(t.get('optional')).toEqual(['']);
    expect(t.get('k8s:openapi-gen')).toEqual(['false']);
  });

  it('formats descriptions like kube-openapi', () => {
    expect(openAPIDescription(['Line one', 'line two.', '', 'Para two.', '+optional', 'TODO: fix', 'Example:', '\tcode', '\tmore', 'after'])).toBe(
      'Line one line two.\n\nPara two. Example:\n\tcode\n\tmore\nafter',
    );
    expect(openAPIDescription(['Visible.', '---', 'Hidden.'])).toBe('Visible.');
    expect(openAPIDescription(['+optional'])).toBe('');
  });

  it('appends enum values like kube-openapi', () => {
    const lines = enumDescriptionLines({
      name: 'x.Mode',
      values: [
        { name: 'ModeSlow', value: 'Slow', comment: 'ModeSlow goes   slowly.' },
        { name: 'ModeFast', value: 'Fast', comment: 'ModeFast goes fast.' },
        { name: 'ModeNone', value: 'None', comment: '' },
      ],
    });
    expect(openAPIDescription(['Mode of the thing.', ...lines])).toBe(
      'Mode of the thing.\n\nPossible enum values:\n - `"Fast"` goes fast.\n - `"None"`\n - `"Slow"` goes slowly.',
    );
  });
});
