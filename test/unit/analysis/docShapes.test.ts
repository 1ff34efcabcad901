import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredShapes, documentedChoices } from '../../../src/analysis/shapes/docShapes';

/** Docstring shapes and string choices in the spellings course code and numpy-style docs use. */

test('(N, d_1, ..., d_k) is one axis after N: the product the docstring names, else its first name', () => {
  const doc = [
    'The input x has shape (N, d_1, ..., d_k); each row is reshaped into a vector of dimension D = d_1 * ... * d_k.',
    '- x: A numpy array containing input data, of shape (N, d_1, ..., d_k)',
    '- w: A numpy array of weights, of shape (D, M)',
  ].join('\n');
  const shapes = declaredShapes(doc, ['x', 'w']);
  assert.deepEqual(shapes.get('x')!.axes, [{ name: 'N' }, { name: 'D' }]);
  assert.deepEqual(shapes.get('w')!.axes, [{ name: 'D' }, { name: 'M' }]);
  // Without the product spelled out, the run reads as its first axis.
  assert.deepEqual(declaredShapes('- x: data of shape (N, d_1, ..., d_k)', ['x']).get('x')!.axes, [{ name: 'N' }, { name: 'd_1' }]);
});

test('a shape in an RST role (pyswarms\' `of shape :code:\`(n_particles, dimensions)\``) is read as written plainly', () => {
  const doc = ['Parameters', '----------', 'x : numpy.ndarray', '    set of inputs of shape :code:`(n_particles, dimensions)`'].join('\n');
  assert.deepEqual(declaredShapes(doc, ['x']).get('x')!.axes, [{ name: 'n_particles' }, { name: 'dimensions' }]);
});

test('"of any shape" is an array; 4H is four times H', () => {
  assert.deepEqual(declaredShapes('- x: Inputs, of any shape', ['x']).get('x')!.axes, [{ free: true }]);
  assert.deepEqual(declaredShapes('- Wx: Input-to-hidden weights, of shape (D, 4H)', ['Wx']).get('Wx')!.axes, [{ name: 'D' }, { times: ['4', 'H'] }]);
  assert.deepEqual(declaredShapes('- b: Biases, of shape (4 * H,)', ['b']).get('b')!.axes, [{ times: ['4', 'H'] }]);
});

test('string choices: quoted words of the entry, a dict key\'s own entry included', () => {
  const course = ['- bn_param: Dictionary with the following keys:', "  - mode: 'train' or 'test'; required", '  - eps: Constant for numeric stability'].join('\n');
  assert.deepEqual(documentedChoices(course, 'mode'), ['train', 'test']);
  assert.deepEqual(documentedChoices("modulus : {'E' or 'G'}\n    Which modulus.", 'modulus'), ['E', 'G']);
  assert.deepEqual(documentedChoices('kind : {"linear", "cubic"}, default="linear"', 'kind'), ['linear', 'cubic']);
  // One quoted word is no choice; no entry, nothing.
  assert.equal(documentedChoices("name : str\n    e.g. 'rosen'", 'name'), undefined);
  assert.equal(documentedChoices(course, 'momentum'), undefined);
});
