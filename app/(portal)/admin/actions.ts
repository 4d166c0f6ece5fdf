'use server';
// Admin server actions: thin and public (STYLE.md). Each is a POST endpoint anyone can call; the
// operation it wraps checks permission first and audits.
import { defineAction } from '@/lib/action';
import { createGrant, createGrantInput } from '@/lib/access/create-grant';
import { deleteGrant, deleteGrantInput } from '@/lib/access/delete-grant';
import { addTeamMember, addTeamMemberInput } from '@/lib/teams/add-team-member';
import { createTeam, createTeamInput } from '@/lib/teams/create-team';
import { deleteTeam, deleteTeamInput } from '@/lib/teams/delete-team';
import { removeTeamMember, removeTeamMemberInput } from '@/lib/teams/remove-team-member';
import { createUser, createUserInput } from '@/lib/users/create-user';
import { resetUserPassword, resetUserPasswordInput } from '@/lib/users/reset-user-password';
import { setUserDisabled, setUserDisabledInput } from '@/lib/users/set-user-disabled';

const adminPaths = { revalidate: ['/admin', '/audit'] };
// Team LEADs manage members from their team pages too.
const teamPaths = { revalidate: ['/admin', '/teams', '/audit'] };

export const createUserAction = defineAction(createUserInput, createUser, adminPaths);
export const setUserDisabledAction = defineAction(setUserDisabledInput, setUserDisabled, adminPaths);
export const resetUserPasswordAction = defineAction(resetUserPasswordInput, resetUserPassword, adminPaths);
export const createTeamAction = defineAction(createTeamInput, createTeam, adminPaths);
export const deleteTeamAction = defineAction(deleteTeamInput, deleteTeam, adminPaths);
export const addTeamMemberAction = defineAction(addTeamMemberInput, addTeamMember, teamPaths);
export const removeTeamMemberAction = defineAction(removeTeamMemberInput, removeTeamMember, teamPaths);
export const createGrantAction = defineAction(createGrantInput, createGrant, adminPaths);
export const deleteGrantAction = defineAction(deleteGrantInput, deleteGrant, adminPaths);
