import type { Role } from './roles';

/** Who made a request, however they proved it. */
export interface AuthenticatedUser {
  id: string;
  userName: string;
  roles: Role[];
  method: 'jwt' | 'basic';
}
