import { Testing } from 'cdktf';
// Declares cdktf's matchers on jest's types.
import 'cdktf/lib/testing/adapters/jest';

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, …
Testing.setupJest();

// sqsguard's own matchers (toPassSqsguard, toHaveSqsguardFinding), as a user's setup file imports them.
import '../lib/jest';
