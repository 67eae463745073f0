/** No member gets more than two unprompted messages in a local week; reminders for their own sits aside. */
export const UNPROMPTED_PER_WEEK = 2;
