/** The service role every test deployment group names (never checked by the emulator). */
export const SERVICE_ROLE = 'arn:aws:iam::000000000000:role/CodeDeployServiceRole';
