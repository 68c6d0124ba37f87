import { MissingToolError, findMotoPython, findProjectTool, findProviderMirror, findTerraform } from '../../scripts/dev/toolchain';

/** A missing tool must fail loudly with the command that installs it, never skip. */
describe('toolchain', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('a missing terraform names how to install it', () => {
    // GIVEN no terraform on PATH and no SQSGUARD_TERRAFORM
    process.env.PATH = '/nonexistent';
    delete process.env.SQSGUARD_TERRAFORM;
    // THEN the error says what to install
    expect(() => findTerraform()).toThrow(MissingToolError);
    expect(() => findTerraform()).toThrow(/terraform not found: install Terraform >= 1\.5/);
  });

  test('a mirror setting that holds no provider is refused with the reason', () => {
    process.env.SQSGUARD_PROVIDER_MIRROR = '/nonexistent-mirror';
    expect(() => findProviderMirror()).toThrow(/SQSGUARD_PROVIDER_MIRROR=\/nonexistent-mirror holds no registry\.terraform\.io\/hashicorp\/aws\/5\.100\.0/);
  });

  test('a python without moto names the pip command', () => {
    process.env.SQSGUARD_PYTHON = '/bin/false';
    expect(() => findMotoPython()).toThrow(/not importable by \/bin\/false: install moto's server with `python3 -m pip install 'moto\[server\]==5\.2\.5'`/);
  });

  test('the pinned-tool finder (scripts/find-tool.sh, shared with the shell scripts) finds a tool on PATH and names tools.sh for a missing one', () => {
    expect(findProjectTool('bash')).toMatch(/\/bash$/);
    expect(() => findProjectTool('sqsguard-no-such-tool')).toThrow(MissingToolError);
    expect(() => findProjectTool('sqsguard-no-such-tool')).toThrow(/sqsguard-no-such-tool not found: run scripts\/tools\.sh/);
  });
});
