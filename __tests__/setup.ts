import { Testing } from 'cdktf';
// Declares cdktf's matchers on jest's types.
import 'cdktf/lib/testing/adapters/jest';

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, …
Testing.setupJest();
