/** What an AWS region name looks like (`us-east-1`, `us-gov-west-1`, `ap-southeast-7`); anything else never becomes a path or an ARN. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
