import { Testing } from 'cdktf';

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, …
Testing.setupJest();
