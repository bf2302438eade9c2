# detect — en
